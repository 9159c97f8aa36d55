#!/usr/bin/env python3
"""Writes Samples/ipr-2018/, the synthetic sample study: invented participants, codebook, statements,
two coders' codings and adjudications, built so the consensus reads as the IPR report does.

    python3 Scripts/generate-sample.py          # write the files and print alpha and the consensus table
    python3 Scripts/generate-sample.py --check  # regenerate to a temp folder, compare, verify; non-zero on failure

Standard library only; deterministic (own SplitMix64 seeded from "ipr-2018"). Everything is invented.
"""

import argparse
import csv
import hashlib
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from fractions import Fraction

# MARK: - Text banks
# (key, label, description) for the nine themes, in the order of the study brief (METHODS.md, the sample).
THEMES = [
    ("relations", "State of relations", "How participants describe present US-Pakistan relations and how they got there."),
    ("objectives", "Pakistan's objectives", "What Pakistan wants from the relationship and where US aims conflict with it."),
    ("engagement", "Pakistan's choices: engagement", "How Pakistan should deal with Washington now."),
    ("cooperation", "Pakistan's choices: cooperation", "Fields where security and economic cooperation can be rebuilt."),
    ("governance", "Policy making at home", "How Pakistan makes foreign and security policy, and the economy behind it."),
    ("afghanistan", "Relations with Afghanistan", "Pakistan's role in Afghanistan, the Taliban and the peace process."),
    ("region", "Regional relations", "Pakistan's neighbourhood: China, Russia and the risks of rivalry."),
    ("india", "Relations with India", "Normalization with India and how to get there."),
    ("way-ahead", "Way ahead", "What a durable US-Pakistan relationship would rest on."),
]

# Protocol questions, one per theme (region and india share one).
QUESTIONS = {
    "relations": "How would you describe the present state of US-Pakistan relations, and how did they get here?",
    "objectives": "What are Pakistan's objectives in its relationship with the United States?",
    "engagement": "How should Pakistan engage with the United States now?",
    "cooperation": "Where can Pakistan and the United States still cooperate?",
    "governance": "What needs to change in how Pakistan makes foreign and security policy?",
    "afghanistan": "What should Pakistan do about Afghanistan and the Taliban?",
    "region": "How should Pakistan manage its region: China, Russia and India?",
    "india": "How should Pakistan manage its region: China, Russia and India?",
    "way-ahead": "Where do we go from here?",
}

# key: (label, description, [claims], [pro], [con])
PROPOSITIONS = {
    # relations
    "relations.lowest-since-9-11": (
        "Relations at their lowest since 9/11",
        "Present US-Pakistan relations are at their lowest point since September 2001.",
        ["relations between Pakistan and the United States are at their lowest point since 9/11",
         "the relationship with Washington has not been this bad since 2001",
         "we have reached the lowest point in the relationship since the attacks of 2001"],
        ["The tone of the new US administration, the threats to cut assistance and the public accusations have left very little goodwill on either side.",
         "Even in 2011, after Abbottabad and Salala, there were channels that worked; today there is hardly a conversation worth the name.",
         "The public accusations from Washington are only the visible face of a collapse that has been under way for months."],
        ["We have been here before: 2011 was worse, and the 1990s under the Pressler sanctions were worse still.",
         "Relations are strained, certainly, but the institutional links have not been cut and trade continues."],
    ),
    "relations.mismanaged-no-strategy": (
        "Mismanaged, without strategy",
        "Both governments have managed the relationship from crisis to crisis, without a long-term strategy.",
        ["both governments have managed this relationship from crisis to crisis without any strategy",
         "neither Islamabad nor Washington has had a long-term plan for the relationship"],
        ["Every engagement has been tied to a single event, whether Afghanistan in the 1980s or the war on terror after 2001, and it lapses when the event passes.",
         "Decisions are taken in reaction to the last statement from Washington, not on the basis of a plan we have thought through."],
        ["There has been more planning than critics admit; the problem is that the plans of the two sides rarely matched.",
         "Calling it mismanagement ignores the hard constraints each government faced."],
    ),
    "relations.missed-post-9-11-opportunity": (
        "Post-9/11 opportunity missed",
        "The close cooperation after 2001 was a chance for a lasting relationship that both sides let slip.",
        ["the years after 2001 were an opportunity to build a durable relationship that both sides wasted",
         "we missed the chance that the post-9/11 partnership gave us"],
        ["For a few years there was money, access and attention at the highest level, and we spent it on short-term needs rather than institutions.",
         "The Kerry-Lugar aid could have been the foundation of a civilian partnership, but it became a quarrel about conditions."],
        ["The cooperation after 2001 was always about one war; there was never a real opportunity for more.",
         "I do not believe Washington was ever offering a long-term partnership, so there was nothing to miss."],
    ),
    "relations.split-over-taliban": (
        "Rift over the Taliban, not Al Qaeda",
        "Cooperation against Al Qaeda worked; the rift came over policy towards the Afghan Taliban.",
        ["cooperation against Al Qaeda worked well and the rift came over the Afghan Taliban",
         "the real disagreement was never about Al Qaeda but about the Taliban"],
        ["Pakistan handed over a large number of Al Qaeda operatives, and the Americans acknowledged it at the time.",
         "The Taliban were seen in Washington as the enemy and in Islamabad as a force that would remain in Afghanistan long after the Americans left."],
        ["Even the cooperation against Al Qaeda was less smooth than people remember, so it is too neat to blame only the Taliban question.",
         "The rift had many causes, India, the nuclear programme and domestic politics on both sides, not just the Taliban."],
    ),
    "relations.us-transactional": (
        "US approach transactional",
        "The US deals with Pakistan transactionally: engaged when it needs something, gone when it does not.",
        ["the United States has always dealt with Pakistan in a transactional way",
         "Washington engages Pakistan when it needs something and walks away when it does not"],
        ["Look at the pattern: the pacts of the 1950s, the Afghan jihad, then 2001, and each time the Americans lost interest once their aim was met.",
         "Aid has come with a price tag attached to each tranche, and it is withdrawn the moment the price is not paid."],
        ["Every state is transactional to a degree; the United States has also supported our economy when nothing immediate was at stake.",
         "The transactional label lets us avoid asking what we offered beyond the services of the moment."],
    ),
    "relations.pakistan-also-failed": (
        "Pakistan also failed to build a partnership",
        "Pakistan, too, did little to turn the relationship into a strategic partnership.",
        ["Pakistan itself did very little to turn the relationship into a strategic partnership",
         "the failure to build a real partnership was ours as much as theirs"],
        ["We never invested in a constituency in the United States beyond the Pentagon, and we built no trade or educational links that would outlast a crisis.",
         "We asked for aid and equipment and rarely put forward an agenda of our own."],
        ["A smaller state cannot build a partnership that the bigger power does not want.",
         "Pakistan made repeated offers of a broader relationship and was turned down."],
    ),
    # objectives
    "objectives.afghan-peace-goals-differ": (
        "Different goals for Afghan peace",
        "Pakistan and the US want different outcomes from a settlement in Afghanistan.",
        ["Pakistan and the United States want quite different outcomes from an Afghan settlement",
         "our goals for peace in Afghanistan and American goals are not the same"],
        ["Washington wants a face-saving exit and a government in Kabul that is friendly to it; we want a Kabul that does not become a base for India.",
         "The Americans measure success by the absence of attacks on their homeland, while for us the question is the stability of the whole border region."],
        ["At the core both sides want the same thing, a stable Afghanistan that does not export violence.",
         "The differences are about means, not ends."],
    ),
    "objectives.friendly-kabul": (
        "A friendly government in Kabul",
        "Pakistan's objective is a government in Kabul that is friendly, or at least not hostile.",
        ["Pakistan's central objective must be a government in Kabul that is not hostile to us",
         "what Pakistan needs is a friendly, or at least neutral, Afghanistan"],
        ["With a long border and millions of refugees, we cannot afford a hostile Kabul.",
         "Every hostile government in Kabul has tied down our army on the western border."],
        ["Seeking a friendly government has led us to pick favourites, and that has made Afghans of every group suspicious of us.",
         "We should want a stable Afghanistan, whoever governs it, rather than a friendly one."],
    ),
    "objectives.trade-transit-hub": (
        "Trade and transit hub",
        "Pakistan should aim to be a hub for regional trade and transit, including to Central Asia.",
        ["Pakistan should aim to become a hub for trade and transit between South and Central Asia",
         "our geography makes us a natural corridor for regional trade"],
        ["Gwadar and the corridor projects only make sense if goods move north to Central Asia and west to Afghanistan.",
         "Transit revenue and trade would give us an economic stake in peace that we lack today."],
        ["Transit hub plans have been announced for thirty years and the security situation has never allowed them.",
         "Without peace in Afghanistan the transit idea remains a slogan."],
    ),
    "objectives.india-fixation-conflicts": (
        "US focus on India conflicts with Pakistan's aims",
        "The US effort to build up India conflicts with Pakistan's security objectives.",
        ["the American effort to build up India conflicts directly with Pakistan's objectives",
         "Washington's strategic tilt towards India works against our security"],
        ["The nuclear deal and the defence partnership have changed the balance in the region in India's favour.",
         "When the US invites India to play a larger role in Afghanistan, it asks us to accept encirclement."],
        ["American ties with India are about China, not about Pakistan, and we should not read every step as aimed at us.",
         "We exaggerate the India factor; the US has kept its relations with Pakistan despite its tilt."],
    ),
    # engagement
    "engagement.stay-engaged-regain-trust": (
        "Stay engaged, regain trust",
        "Pakistan should stay engaged with the US and work to regain its trust.",
        ["Pakistan must stay engaged with the United States and work patiently to regain its trust",
         "disengagement is not an option and we have to rebuild trust with Washington"],
        ["The United States remains the largest economy, our largest export market and a decisive voice in the international financial institutions.",
         "Walking away would leave the field to those in Washington who already argue against us."],
        ["We have tried to regain trust for fifteen years; it is time to accept a cooler relationship and stop chasing it.",
         "Trust cannot be rebuilt while the US keeps moving the goalposts."],
    ),
    "engagement.not-yield-all-demands": (
        "Do not yield to every demand",
        "Pakistan should not give in to US demands that go against its interests.",
        ["Pakistan should not give in to every American demand",
         "we must be able to say no when US demands go against our national interest"],
        ["Yielding on everything would cost us our relations with the region and our own public.",
         "Some demands, such as acting against every group at once, simply go beyond our capacity."],
        ["Our negotiating position is weak, and refusing demands has cost us more than complying would have.",
         "Presenting it as a matter of saying no to America feeds a narrative that does us no good."],
    ),
    "engagement.state-limits-proactively": (
        "State limits proactively",
        "Pakistan should tell the US clearly and early what it can and cannot do.",
        ["we should state our limits to the Americans clearly and early, before we are asked",
         "Pakistan needs to tell Washington proactively what it can and cannot deliver"],
        ["Too often we have promised more than we could do, and the gap was then called duplicity.",
         "Clarity about limits would prevent the cycle of expectation and accusation."],
        ["Stating limits in advance only invites pressure on those limits; ambiguity has its uses.",
         "Drawing red lines in public would be read as defiance."],
    ),
    "engagement.conditional-cooperation": (
        "Conditional cooperation",
        "Cooperation with the US should depend on reciprocal steps on Pakistan's concerns.",
        ["any cooperation with the United States should depend on reciprocal steps on our concerns",
         "our cooperation should come with conditions of our own"],
        ["If we help with Afghan reconciliation, Washington should address our concerns about sanctuaries on the Afghan side.",
         "Unconditional cooperation has taught the Americans to take us for granted."],
        ["Setting conditions from a position of weakness is unrealistic.",
         "Conditions would simply turn a strained relationship into a bargaining match."],
    ),
    "engagement.moderate-expectations": (
        "Moderate expectations",
        "Both sides should lower their expectations of what the relationship can deliver.",
        ["both sides need to moderate their expectations of this relationship",
         "we should expect less from Washington and ask less of it"],
        ["Much of the bitterness comes from expecting the US to be an ally in our disputes, which it never was.",
         "A modest, businesslike relationship would be more stable than the swings between embrace and sanctions."],
        ["Lower expectations become a self-fulfilling prophecy of decline.",
         "We should be ambitious about the relationship, not resigned."],
    ),
    # cooperation
    "cooperation.rebuild-security-economic": (
        "Rebuild security and economic cooperation",
        "Security and economic cooperation with the US should be rebuilt.",
        ["security and economic cooperation with the United States should be rebuilt",
         "we need to restore both the military and the economic pillars of cooperation"],
        ["Our armed forces still depend on American platforms, and our economy needs American markets and investment.",
         "Training exchanges and trade arrangements have built goodwill that outlasted political quarrels."],
        ["Security cooperation has mostly served American needs; I would not rush to rebuild it on the old terms.",
         "The economic side matters; the old security arrangement does not."],
    ),
    "cooperation.us-business-parity-with-china": (
        "US business on par with China",
        "American companies should be offered the terms Chinese companies get.",
        ["American companies should be offered the same terms that Chinese firms get",
         "we should give US business parity with China in our economy"],
        ["Opening the special economic zones to American investors would show that the corridor is not exclusive.",
         "US investment brings technology and standards we need, and an American business lobby for Pakistan."],
        ["The Chinese terms came with financing and political commitment that American firms do not offer.",
         "Parity is a nice idea, but American investors are not queuing at our door."],
    ),
    "cooperation.china-not-exclusive": (
        "China ties not exclusive",
        "Close ties with China need not come at the expense of ties with the US.",
        ["our ties with China need not be at the expense of the United States",
         "Pakistan can be close to Beijing without turning away from Washington"],
        ["We managed exactly that balance in the 1970s, when we were the bridge between the two.",
         "Beijing itself does not ask us to break with Washington."],
        ["As the rivalry between the US and China hardens, we will be forced to choose whether we like it or not.",
         "Washington already reads the corridor as a strategic choice against it."],
    ),
    # governance
    "governance.policy-structure-must-change": (
        "Policy structure must change",
        "The structure through which Pakistan makes foreign and security policy needs reform.",
        ["the way Pakistan makes foreign and security policy has to change",
         "our policy-making structure needs fundamental reform"],
        ["Foreign policy is made in too few rooms, and the Foreign Office is often informed rather than consulted.",
         "The National Security Committee meets rarely and has no permanent staff worth the name."],
        ["The structure is fine on paper; what is missing is the will to use it.",
         "Reorganising committees will not fix problems that are political."],
    ),
    "governance.no-national-security-strategy": (
        "No national security strategy",
        "Pakistan lacks a written national security strategy to guide policy.",
        ["Pakistan has no national security strategy worth the name",
         "we still lack a written national security strategy"],
        ["Without a written strategy, every ministry and institution pursues its own priorities.",
         "Other countries publish their strategies; we rely on statements made after each crisis."],
        ["There is a strategy, even if it is not published, and the institutions that matter know it well.",
         "A written document would change little; practice matters more than paper."],
    ),
    "governance.elected-leadership-absent": (
        "Elected leadership absent",
        "The elected civilian leadership has been absent from foreign policy.",
        ["the elected leadership has been largely absent from foreign policy",
         "our civilian government has left the field of foreign policy to others"],
        ["For long periods we did not even have a full-time foreign minister.",
         "Parliament debates foreign policy only after decisions have been made elsewhere."],
        ["The civilian government has been involved; its role is simply not visible in public.",
         "It is unfair to say the politicians are absent when they have so little room."],
    ),
    "governance.economic-weakness-undermines-security": (
        "Economic weakness undermines security",
        "Pakistan's weak economy undermines its security and its diplomacy.",
        ["our economic weakness undermines our security and our diplomacy",
         "a weak economy is Pakistan's greatest strategic vulnerability"],
        ["A country that goes to the IMF every few years cannot expect its positions to be taken seriously.",
         "Low exports and a narrow tax base leave us dependent on whoever is willing to lend."],
        ["Countries with weaker economies have held their ground; security depends on more than output.",
         "The economy is a problem, but our security has held despite it."],
    ),
    "governance.reduce-economic-dependence": (
        "Reduce economic dependence",
        "Pakistan should reduce its dependence on external assistance, American or other.",
        ["Pakistan must reduce its dependence on foreign assistance, whether American or Chinese",
         "we have to end our reliance on aid and loans from outside"],
        ["Dependence on aid gives every donor a lever over our policies.",
         "Raising our own revenue is the only route to an independent foreign policy."],
        ["Assistance is not the problem; how we use it is.",
         "Some dependence is unavoidable for a developing economy of our size."],
    ),
    # afghanistan
    "afghanistan.us-chose-force-over-reconciliation": (
        "US chose force over reconciliation",
        "The US relied on military force in Afghanistan rather than political reconciliation.",
        ["the United States chose force over reconciliation in Afghanistan",
         "Washington relied on military pressure when it should have pursued a political settlement"],
        ["Openings for talks in 2002 and again later were turned down in favour of the surge.",
         "The latest American review of its Afghan policy again puts military pressure first."],
        ["The Americans did try talks, in Doha and elsewhere; the Taliban were not ready.",
         "Force was needed to bring the Taliban to the table at all."],
    ),
    "afghanistan.restrain-not-answer-for-taliban": (
        "Restrain the Taliban, not answer for them",
        "Pakistan can use its influence to restrain the Taliban but cannot answer for what they do.",
        ["Pakistan can use its influence to restrain the Taliban but cannot be held responsible for what they do",
         "we can influence the Taliban to a degree, but we cannot answer for them"],
        ["Our influence is real but limited, and it shrinks the more we are seen to push.",
         "The Taliban have their own leadership, their own funding and their own agenda."],
        ["If we claim influence, we cannot at the same time disclaim responsibility.",
         "The world will hold us responsible whatever we say, so we should act accordingly."],
    ),
    "afghanistan.nudge-taliban-reconcile": (
        "Nudge the Taliban to reconcile",
        "Pakistan should nudge the Taliban towards talks and reconciliation.",
        ["Pakistan should nudge the Taliban towards talks and reconciliation",
         "we should use what leverage we have to bring the Taliban to negotiations"],
        ["A settlement is in our interest more than anyone's, because we live next door.",
         "The Murree talks of 2015 showed that we can bring them to the table."],
        ["Pushing the Taliban has only made them move their families and their councils elsewhere.",
         "It is for the Afghans to reconcile; we should stay out of it."],
    ),
    "afghanistan.taliban-govt-unacceptable": (
        "Taliban government unacceptable",
        "A Taliban-dominated government in Kabul would not be in Pakistan's interest either.",
        ["a Taliban-dominated government in Kabul would not be in Pakistan's interest",
         "Pakistan should not want the Taliban to rule Afghanistan again"],
        ["The 1990s showed what a Taliban government means for our own militancy problem.",
         "A Taliban regime would isolate Afghanistan, and us with it."],
        ["The Taliban are part of Afghan society, and a government that includes them is inevitable.",
         "We should deal with whoever the Afghans choose."],
    ),
    "afghanistan.help-talks-for-assurances": (
        "Help talks in return for assurances",
        "Pakistan should help the peace talks in return for assurances on its own concerns.",
        ["Pakistan should help the peace talks in return for assurances on its concerns",
         "our help with the talks should be traded for guarantees about the border and India's role"],
        ["We need assurances that Afghan soil will not be used against us.",
         "Help without assurances has left us with all the costs."],
        ["Bargaining over peace makes us look like spoilers.",
         "Assurances from Kabul or Washington have not been kept before."],
    ),
    "afghanistan.us-curb-cross-border": (
        "US must curb cross-border attacks",
        "The US and Kabul must curb attacks on Pakistan from Afghan territory.",
        ["the United States and Kabul must act against attacks on Pakistan from Afghan soil",
         "Washington should curb the militants who attack us from across the border"],
        ["The leadership of the Pakistani Taliban operates from Afghan provinces where the coalition is present.",
         "We are asked to close sanctuaries while the sanctuaries used against us are ignored."],
        ["The Americans have limited reach in the eastern provinces, so this is more a talking point than a demand.",
         "Border management is ultimately our own responsibility."],
    ),
    # region
    "region.prioritize-regional": (
        "Prioritize regional relations",
        "Pakistan must give priority to relations with its own region.",
        ["Pakistan must give priority to its relations within the region",
         "our first priority has to be our own neighbourhood",
         "the region, not distant capitals, has to come first for Pakistan"],
        ["Our trade, energy and security depend on the neighbours before they depend on distant powers.",
         "The region is where the next decades of growth will be, from China to Central Asia.",
         "Distant powers come and go, but the neighbours stay, and our policy has to start from that."],
        ["Distant powers matter more to our economy than the neighbours do.",
         "Regional priorities are a slogan when the region is so hostile."],
    ),
    "region.keep-china-ties-strong": (
        "Keep China ties strong",
        "Pakistan should keep its ties with China strong.",
        ["we must keep our ties with China as strong as they are",
         "the relationship with Beijing must remain an anchor of our foreign policy"],
        ["China has stood by us when others did not, and the corridor is the largest investment we have ever had.",
         "Beijing's support at the Security Council and in the region is irreplaceable."],
        ["We should not put all our eggs in the Chinese basket.",
         "The corridor loans will have to be repaid, and that should temper the enthusiasm."],
    ),
    "region.grow-russia-links": (
        "Grow links with Russia",
        "Pakistan should develop its links with Russia.",
        ["Pakistan should build up its relations with Russia",
         "closer links with Moscow are in our interest"],
        ["The joint exercises and the gas pipeline agreement show what is possible.",
         "Russia now shares much of our view of the Afghan endgame."],
        ["Russia's relationship with India will always matter more to Moscow.",
         "Courting Moscow looks like a gesture to annoy Washington."],
    ),
    "region.nuclear-hostility-risk": (
        "Nuclear hostility a grave risk",
        "Hostility between nuclear-armed neighbours is a grave risk.",
        ["continued hostility between two nuclear-armed neighbours is a grave risk",
         "the nuclear dimension makes our hostility with India dangerous"],
        ["A crisis after a terrorist attack could escalate faster than anyone can control.",
         "There are no reliable crisis mechanisms between the two sides."],
        ["Deterrence has kept the peace since 1998.",
         "The risk is exaggerated by those who want to cap our programme."],
    ),
    "region.avoid-great-power-battleground": (
        "Avoid becoming a great-power battleground",
        "Pakistan must not become a battleground for great-power rivalry.",
        ["Pakistan must not become a battleground for the rivalry between great powers",
         "we should keep out of the contest between the US and China"],
        ["We paid dearly for being a frontline state twice.",
         "A rivalry fought on our soil would destroy the economic gains of the corridor."],
        ["We cannot avoid the rivalry; we can only choose how to position ourselves in it.",
         "Staying out is not an option for a state in our location."],
    ),
    # india
    "india.improve-relations": (
        "Improve relations with India",
        "Pakistan should work to improve relations with India.",
        ["Pakistan should work to improve relations with India",
         "normal relations with India are in our interest"],
        ["Trade with India would be the cheapest growth we could have.",
         "Permanent hostility drains resources we need for development."],
        ["Improvement depends on India, which has shown no interest.",
         "There can be no normalization while Kashmir burns."],
    ),
    "india.normalization-enables-policy-change": (
        "Normalization enables policy change",
        "Improved relations with India would allow Pakistan to modify its other policies.",
        ["better relations with India would let Pakistan change many of its other policies",
         "normalization with India would free us to revise our Afghan and security policies"],
        ["So much of our Afghan policy is shaped by fear of India that normal relations would change the whole calculus.",
         "Defence spending, the posture on the western border, even our American policy follow from the India question."],
        ["Our policies have their own logic; they would not change much even with peace with India.",
         "The India question is not the key to everything, as some colleagues claim."],
    ),
    "india.obstacles-mistrust-confidence": (
        "Mistrust is the obstacle",
        "Mistrust and the lack of confidence-building stand in the way of better relations with India.",
        ["mistrust and the absence of confidence-building stand in the way of better relations with India",
         "the main obstacle with India is deep mistrust"],
        ["Every dialogue has been suspended after the first incident.",
         "Neither side believes the other's assurances, and there is no mechanism to build confidence."],
        ["The obstacles are concrete disputes, not feelings of mistrust.",
         "Mistrust is a symptom, not the cause."],
    ),
    "india.third-party-mediation-practical": (
        "Third-party mediation practical",
        "Third-party mediation between Pakistan and India is a practical option.",
        ["third-party mediation between Pakistan and India is a practical option",
         "an outside mediator could help Pakistan and India"],
        ["The Indus Waters Treaty was brokered by the World Bank and has survived wars.",
         "American involvement defused the crises of 1999 and 2002."],
        ["India will never accept mediation, so the idea is a dead end.",
         "Mediation would be seen in India as internationalising Kashmir, which guarantees refusal."],
    ),
    "india.quiet-mediation-before-kashmir": (
        "Quiet mediation before Kashmir",
        "Quiet mediation on easier issues should come before tackling Kashmir.",
        ["quiet mediation on easier issues should come before any attempt on Kashmir",
         "we should begin with quiet facilitation on smaller issues and leave Kashmir for later"],
        ["Siachen, Sir Creek and trade could be settled by discreet facilitation, and success would build confidence.",
         "The back channel of 2004 to 2007 came close precisely because it was quiet."],
        ["Putting Kashmir at the end means it will never be addressed.",
         "Every attempt to park Kashmir has failed in the face of public opinion."],
    ),
    # way-ahead
    "way-ahead.mutual-need-enduring": (
        "Mutual need is enduring",
        "Pakistan and the US will continue to need each other.",
        ["Pakistan and the United States will continue to need each other",
         "the mutual need between the two countries is enduring"],
        ["The US needs us for Afghanistan, for counter-terrorism and for stability in a nuclear region.",
         "We need American markets, technology and goodwill in the financial institutions."],
        ["After Afghanistan, the US will need Pakistan far less than it did.",
         "The mutual need is declining on both sides."],
    ),
    "way-ahead.understand-each-other": (
        "Understand each other",
        "Both sides need to understand each other's interests and constraints better.",
        ["both sides need to understand each other's interests and constraints much better",
         "the first step is for the two countries to understand each other better"],
        ["Washington rarely grasps our security concerns, and we rarely grasp their domestic politics.",
         "Most of the bitterness comes from misreading each other's intentions."],
        ["We understand each other perfectly well; our interests simply differ.",
         "Understanding is not the problem; interests are."],
    ),
    "way-ahead.broad-based-partnership": (
        "Broad-based partnership",
        "The relationship should be broadened beyond security to trade, education and people.",
        ["the relationship should be broadened beyond security to trade, education and people-to-people links",
         "we need a broad-based partnership rather than a security relationship"],
        ["Students, the diaspora and business links outlast the swings of security policy.",
         "A relationship that rests on one issue collapses when that issue changes."],
        ["Broad-based partnership is a phrase we have repeated for years without content.",
         "Security will remain the core whatever we say."],
    ),
}

# Framings by stance; {c} is a claim clause.
FRAMES = {
    2: ["I have no doubt at all that {c}.",
        "Let me put it plainly: {c}.",
        "Anyone who has watched this closely knows that {c}.",
        "I would go further than most of my colleagues: {c}, and we should say so openly.",
        "There is simply no question that {c}.",
        "I am absolutely convinced that {c}."],
    1: ["On balance, I think {c}.",
        "Broadly speaking, {c}, although I would add some caveats.",
        "My sense is that {c}.",
        "I would agree, with some qualification, that {c}.",
        "It is fair to say that {c}.",
        "I tend to the view that {c}."],
    0: ["People often tell me that {c}; I honestly see arguments on both sides.",
        "Whether {c} is a question I keep returning to without a settled answer.",
        "Some of my colleagues insist that {c}. I can see why, but I am not sure.",
        "It may be that {c}, or it may not; the evidence is mixed."],
    -1: ["I am not fully persuaded that {c}.",
         "I would push back a little on the claim that {c}.",
         "It is often said that {c}, but I think that overstates the case.",
         "I am less sure than others that {c}."],
    -2: ["I reject completely the idea that {c}.",
         "It is simply wrong to say that {c}.",
         "Frankly, the notion that {c} does not survive contact with the facts.",
         "I could not disagree more with those who say that {c}."],
}

NEUTRAL_TURNS = ["On the other hand,", "Then again,", "Against that,", "But it is also true that"]

OPENERS = ["Look,", "If you ask me,", "Speaking for myself,", "To be candid,", "In my view,", "Well,"]

# Between two views: standalone sentences, or prefixes of the next framing (not before one with a colon).
CONNECTORS = ["There is a second point.", "Let me add something.", "Related to this,", "Equally,", "At the same time,",
              "Beyond that,", "Separately,"]
RESTATE_OPENERS = ["As I said earlier,", "To come back to a point I made before,", "Let me repeat something:",
                   "I keep coming back to this:"]

ANECDOTES = {
    "former_diplomat": [
        "I saw this at first hand during my posting in Washington.",
        "We said as much in the cables we sent home from the embassy.",
        "Having sat through many rounds of the strategic dialogue, I do not say this lightly.",
        "In my years at the Foreign Office this was a constant theme of our briefs.",
        "Our missions abroad reported the same mood again and again.",
        "I carried messages of this kind myself more than once.",
        "The record of the talks, once it is declassified, will bear me out.",
    ],
    "retired_military": [
        "I say this as someone who spent more than thirty years in uniform.",
        "In my time at headquarters we discussed exactly this with our American counterparts.",
        "Soldiers on the western border paid the price for these decisions.",
        "Those of us who served in the tribal areas know how this looks on the ground.",
        "The officers I trained with at Fort Leavenworth would tell you the same.",
        "Commanders in the field understood this long before the politicians did.",
    ],
    "politician": [
        "In parliament we debated this more than once, without result.",
        "My constituents ask me about this more than about anything else abroad.",
        "Our party has said so in committee, though not loudly enough.",
        "When I sat on the foreign affairs committee, the briefings told the same story.",
        "I have raised it on the floor of the house and received no serious answer.",
        "Voters are more sophisticated about this than we politicians assume.",
    ],
    "academic_think_tank": [
        "The research we have done at our institute points the same way.",
        "My students ask me about this every term.",
        "The literature on alliances between unequal partners supports this reading.",
        "We held a round of seminars on this last year and the consensus was clear.",
        "The survey data we have collected show the same pattern.",
        "Historians will see this more clearly than we can today.",
    ],
    "journalist_media": [
        "I have reported on this for many years.",
        "Every editor in Islamabad knows this, even if few print it.",
        "My sources on both sides tell the same story.",
        "I have interviewed officials in both capitals and heard it from all of them.",
        "Off the record, senior officials say much the same.",
        "Our readers, I find, understand this better than the officials do.",
    ],
    "civil_servant": [
        "From inside the system, the view is clearer than people think.",
        "I drafted more than one summary for the cabinet on this.",
        "The files I handled told the same story.",
        "Inter-ministerial meetings kept coming back to it without a decision.",
        "The bureaucracy knows this; it lacks the mandate to act on it.",
        "I saw the same debate repeated with every new government.",
    ],
    "business_economist": [
        "The numbers tell the story better than any speech.",
        "Our members in the chambers of commerce feel this directly.",
        "Investors read these signals very carefully.",
        "Our export figures show it year after year.",
        "Every business delegation I have joined has come back with the same message.",
        "Capital is patient only when it trusts the policy.",
    ],
}

CLOSERS = [
    "That is where I would start.",
    "We should be honest with ourselves about it.",
    "None of this is new, but it is urgent now.",
    "I hope your report says so clearly.",
    "This is the lesson of the last fifteen years.",
    "It will take time, but it is not impossible.",
    "I have said this in public before and I will say it again.",
    "That, in short, is my answer.",
    "I do not see a shortcut.",
    "Both capitals would do well to remember it.",
    "Whoever governs after the elections will face the same question.",
    "It is not a comfortable conclusion, but I think it is the right one.",
    "I have seen too many false dawns to think otherwise.",
    "The next few years will show who was right.",
    "Our young people deserve a clearer answer than we have given them.",
    "I would be glad to be proved wrong.",
]

# Sentences that name another participant: {full}, {surname}.
MENTIONS = [
    "{full} made much the same point at a roundtable we both attended.",
    "I know {surname} sees it differently, and we have argued about it often.",
    "{surname}'s paper on this is worth reading, even where I disagree with it.",
    "My old colleague {full} would put it more sharply than I do.",
    "When {full} and I discussed this last year, we ended up closer than we expected.",
    "{full} has written on this more carefully than I can do here.",
    "I heard {surname} argue the opposite on television, and I was not convinced.",
]

# Sentences that give the speaker's own contact details: {phone}, {email}.
CONTACTS = [
    "If your team needs the figures, my office number is {phone}.",
    "Write to me at {email} and I will send you the paper I mentioned.",
    "You can reach me on {phone} if anything in my answer is unclear.",
    "I can share the briefing notes; my address is {email}.",
]

# Statements that express no proposition (reviewed, nothing applied): an opening and a follow-up.
ASIDE_OPENINGS = [
    "Before I answer, let me say that I speak only for myself and not for any institution I have served.",
    "I would rather not go into the details of the meetings I attended; some of them are still sensitive.",
    "It is a difficult question and I have changed my mind about it more than once over the years.",
    "You should also talk to people outside Islamabad; the view from Peshawar, Quetta and Karachi is not the same.",
    "I have read your questions carefully, and I think some of them assume more coherence than there really is.",
    "Let me first ask how you intend to use these interviews, because that affects how frankly I can speak.",
]
ASIDE_FOLLOWUPS = [
    "Some of what I say may sound harsh, but polite language has not served either country well, and I would ask that nothing be attributed to me by name.",
    "The people involved are still in public life, and the atmosphere was very different from what the newspapers reported at the time.",
    "Let me come back to it at the end, once I have said what I think about the other questions, because the answer depends on them.",
    "I can suggest a few names, though I would not want them quoted without their agreement.",
    "Much of what happens is improvised, by both sides, and only explained afterwards as if it had been planned.",
    "I have given interviews like this before and seen my words turned into headlines, so forgive me if I choose them carefully.",
]

# MARK: - Personas

MALE_FIRST = [
    "Adnan", "Ammar", "Arsalan", "Asad", "Ayaz", "Bilal", "Danish", "Ehsan", "Fahad", "Faisal", "Farhan",
    "Hamza", "Haris", "Haroon", "Iftikhar", "Imtiaz", "Jawad", "Junaid", "Kamran", "Kashif", "Khurram",
    "Mansoor", "Nadeem", "Nauman", "Naveed", "Omer", "Qasim", "Rehan", "Rizwan", "Saad", "Salman", "Shahzad",
    "Shoaib", "Sohail", "Tahir", "Tariq", "Usman", "Wajid", "Waqas", "Yasir", "Zeeshan", "Zubair",
    "Muhammad Sarmad", "Syed Ahmer",
]
FEMALE_FIRST = [
    "Amna", "Ayesha", "Farah", "Fariha", "Hina", "Mehreen", "Nadia", "Rabia", "Rukhsana", "Sadia", "Saima",
    "Samina", "Shazia", "Sidra", "Tahira", "Uzma",
]
# Surnames with repeats (shared surnames show [NAME] redaction of a bare surname), one hyphenated, one with
# non-ASCII letters (a scholarly transliteration).
SURNAMES = [
    "Khan", "Khan", "Khan", "Qureshi", "Qureshi", "Malik", "Malik", "Siddiqui", "Siddiqui", "Al-Hassan",
    "Durrānī", "Abbasi", "Akhtar", "Ansari", "Awan", "Baig", "Bhatti", "Bukhari", "Butt", "Chaudhry", "Cheema",
    "Farooqi", "Ghani", "Hashmi", "Hussain", "Jafri", "Janjua", "Kazmi", "Kiani", "Lakhani", "Mahmood", "Memon",
    "Mirza", "Naqvi", "Paracha", "Rana", "Raza", "Rizvi", "Shah", "Sheikh", "Soomro", "Tarar", "Warraich",
    "Zaidi", "Zubairi", "Jatoi", "Khattak", "Lodhi", "Gondal", "Chishti", "Qazi", "Khokhar", "Minhas", "Gardezi",
    "Toor", "Lashari", "Baloch", "Marwat", "Tiwana", "Haider",
]
# First name + surname pairs that are, or closely resemble, public figures: never generated.
BLOCKED = {
    ("Ayesha", "Siddiqui"), ("Ayesha", "Khan"), ("Adnan", "Siddiqui"), ("Sohail", "Warraich"),
    ("Javed", "Chaudhry"), ("Kashif", "Abbasi"), ("Sadia", "Abbasi"), ("Hamza", "Abbasi"), ("Shoaib", "Akhtar"),
    ("Shoaib", "Malik"), ("Salman", "Butt"), ("Hina", "Butt"), ("Kamran", "Khan"), ("Nadia", "Khan"),
    ("Uzma", "Khan"), ("Junaid", "Khan"), ("Farah", "Khan"), ("Yasir", "Shah"), ("Qasim", "Shah"),
    ("Usman", "Khan"), ("Faisal", "Qureshi"), ("Nadeem", "Malik"), ("Omer", "Sheikh"), ("Samina", "Baig"),
    ("Asad", "Khan"), ("Haris", "Rauf"), ("Tahira", "Syed"), ("Mehreen", "Syed"), ("Saad", "Rizvi"),
    ("Khurram", "Khan"), ("Tariq", "Khan"), ("Imtiaz", "Gul"), ("Shahzad", "Akbar"), ("Zubair", "Umar"),
    ("Rizwan", "Akhtar"), ("Amna", "Baig"), ("Nauman", "Niaz"), ("Ayaz", "Sadiq"), ("Salman", "Khan"),
    ("Saima", "Akram"), ("Hina", "Khan"), ("Fahad", "Hussain"), ("Nadeem", "Abbas"), ("Yasir", "Hussain"),
    ("Sidra", "Amin"), ("Rabia", "Butt"), ("Mansoor", "Ali Khan"), ("Asad", "Shah"), ("Bilal", "Khan"),
    ("Faisal", "Raza"), ("Ammar", "Khan"), ("Fahad", "Mirza"), ("Rehan", "Sheikh"), ("Tahir", "Shah"),
    ("Adnan", "Malik"), ("Asad", "Toor"), ("Ayesha", "Malik"), ("Sohail", "Khan"),
}

CONSTITUENCIES = [
    ("former_diplomat", 14), ("retired_military", 10), ("politician", 10), ("academic_think_tank", 10),
    ("journalist_media", 7), ("civil_servant", 6), ("business_economist", 3),
]
SERVING = {  # how many of each constituency are serving (rest former)
    "former_diplomat": 0, "retired_military": 0, "politician": 6, "academic_think_tank": 8,
    "journalist_media": 6, "civil_servant": 3, "business_economist": 3,
}
SECTORS = {  # coarse field of expertise, weighted
    "former_diplomat": [("foreign_policy", 5), ("economy", 1), ("security", 1)],
    "retired_military": [("security", 5), ("foreign_policy", 1)],
    "politician": [("governance", 3), ("foreign_policy", 2), ("economy", 1)],
    "academic_think_tank": [("foreign_policy", 2), ("security", 2), ("economy", 1), ("governance", 1)],
    "journalist_media": [("foreign_policy", 2), ("security", 2), ("governance", 1)],
    "civil_servant": [("governance", 2), ("economy", 2), ("foreign_policy", 1)],
    "business_economist": [("economy", 1)],
}
DOMAINS = {
    "former_diplomat": ["fsa-alumni.example.org", "mail.example.com"],
    "retired_military": ["veterans.example.org", "mail.example.net"],
    "politician": ["assembly.example.org", "mail.example.com"],
    "academic_think_tank": ["university.example.org", "policy-institute.example.org"],
    "journalist_media": ["newsroom.example.com", "press.example.net"],
    "civil_servant": ["mail.example.com", "mail.example.net"],
    "business_economist": ["chamber.example.org", "capital.example.com"],
}
MONTHS = ["2017-07", "2017-08", "2017-09", "2017-10", "2017-11", "2017-12", "2018-01", "2018-02"]
MONTH_WEIGHTS = [5, 9, 11, 10, 9, 6, 6, 4]
LANDLINES = [("042", 8), ("051", 7), ("021", 8)]  # Lahore, Islamabad, Karachi: area code, local digits

# Theme weights per constituency: who talks about what.
AFFINITY = {
    "former_diplomat": {"relations": 1.3, "engagement": 1.5, "region": 1.2, "india": 1.3, "way-ahead": 1.3},
    "retired_military": {"afghanistan": 1.7, "relations": 1.2, "region": 1.3, "cooperation": 1.2},
    "politician": {"governance": 1.6, "india": 1.2, "engagement": 1.1},
    "academic_think_tank": {"way-ahead": 1.4, "governance": 1.2, "objectives": 1.2},
    "journalist_media": {"relations": 1.3, "afghanistan": 1.3},
    "civil_servant": {"governance": 1.7, "cooperation": 1.3},
    "business_economist": {"cooperation": 2.0, "governance": 1.5, "objectives": 1.4},
}

# MARK: - Target views per proposition
# key: (addressed, support, neutral, oppose, constituencies more likely to oppose)
TARGETS = {
    "relations.lowest-since-9-11": (54, 42, 5, 7, ["former_diplomat", "academic_think_tank"]),
    "relations.mismanaged-no-strategy": (30, 20, 4, 6, ["civil_servant"]),
    "relations.missed-post-9-11-opportunity": (22, 15, 3, 4, ["retired_military"]),
    "relations.split-over-taliban": (26, 17, 4, 5, ["journalist_media"]),
    "relations.us-transactional": (34, 26, 3, 5, ["business_economist", "academic_think_tank"]),
    "relations.pakistan-also-failed": (22, 15, 3, 4, ["retired_military", "politician"]),
    "objectives.afghan-peace-goals-differ": (24, 17, 3, 4, ["former_diplomat"]),
    "objectives.friendly-kabul": (28, 21, 3, 4, ["academic_think_tank", "journalist_media"]),
    "objectives.trade-transit-hub": (20, 14, 3, 3, ["retired_military"]),
    "objectives.india-fixation-conflicts": (18, 12, 2, 4, ["academic_think_tank"]),
    "engagement.stay-engaged-regain-trust": (36, 28, 3, 5, ["politician", "journalist_media"]),
    "engagement.not-yield-all-demands": (30, 23, 3, 4, ["business_economist", "former_diplomat"]),
    "engagement.state-limits-proactively": (22, 15, 3, 4, ["retired_military"]),
    "engagement.conditional-cooperation": (20, 13, 3, 4, ["former_diplomat"]),
    "engagement.moderate-expectations": (18, 12, 3, 3, ["politician"]),
    "cooperation.rebuild-security-economic": (26, 19, 3, 4, ["politician", "journalist_media"]),
    "cooperation.us-business-parity-with-china": (16, 11, 2, 3, ["retired_military"]),
    "cooperation.china-not-exclusive": (20, 13, 3, 4, ["academic_think_tank"]),
    "governance.policy-structure-must-change": (28, 21, 3, 4, ["retired_military"]),
    "governance.no-national-security-strategy": (22, 16, 2, 4, ["retired_military", "civil_servant"]),
    "governance.elected-leadership-absent": (18, 12, 2, 4, ["politician"]),
    "governance.economic-weakness-undermines-security": (30, 24, 3, 3, ["retired_military"]),
    "governance.reduce-economic-dependence": (24, 18, 3, 3, ["business_economist"]),
    "afghanistan.us-chose-force-over-reconciliation": (26, 19, 3, 4, ["academic_think_tank"]),
    "afghanistan.restrain-not-answer-for-taliban": (22, 14, 3, 5, ["journalist_media"]),
    "afghanistan.nudge-taliban-reconcile": (24, 16, 4, 4, ["politician"]),
    "afghanistan.taliban-govt-unacceptable": (20, 13, 3, 4, ["retired_military"]),
    "afghanistan.help-talks-for-assurances": (18, 12, 3, 3, ["former_diplomat"]),
    "afghanistan.us-curb-cross-border": (22, 17, 2, 3, ["academic_think_tank"]),
    "region.prioritize-regional": (46, 46, 0, 0, []),
    "region.keep-china-ties-strong": (36, 31, 2, 3, ["business_economist", "academic_think_tank"]),
    "region.grow-russia-links": (24, 16, 4, 4, ["former_diplomat"]),
    "region.nuclear-hostility-risk": (18, 13, 2, 3, ["retired_military"]),
    "region.avoid-great-power-battleground": (26, 20, 3, 3, ["journalist_media"]),
    "india.improve-relations": (32, 25, 3, 4, ["retired_military", "politician"]),
    "india.normalization-enables-policy-change": (34, 24, 5, 5, ["retired_military", "politician"]),
    "india.obstacles-mistrust-confidence": (24, 18, 3, 3, ["academic_think_tank"]),
    "india.third-party-mediation-practical": (18, 12, 2, 4, ["former_diplomat"]),
    "india.quiet-mediation-before-kashmir": (14, 9, 2, 3, ["politician"]),
    "way-ahead.mutual-need-enduring": (28, 21, 3, 4, ["journalist_media"]),
    "way-ahead.understand-each-other": (26, 20, 3, 3, ["retired_military"]),
    "way-ahead.broad-based-partnership": (30, 24, 3, 3, ["retired_military"]),
}
# The report's three quantified findings: coders never add these by mistake, and stance slips keep the sign.
FINDINGS = ("relations.lowest-since-9-11", "india.normalization-enables-policy-change", "region.prioritize-regional")

# MARK: - Fixed rules of the sample

SEED = "ipr-2018"
PANEL = 60
SAMPLE_SHARE = 0.25
MIN_ADDRESSED = 3
STRONG = Fraction(3, 4)
ALPHA_RANGE = (0.70, 0.90)
KEY_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)?$")
TEXT_RANGE = (200, 700)
STATEMENTS_PER_PARTICIPANT = (6, 12)
HEADERS = {
    "participants.csv": ["participant", "name", "email", "phone", "constituency", "status", "sector",
                         "interview_month"],
    "codebook.csv": ["key", "label", "description", "parent"],
    "statements.csv": ["id", "participant", "question", "source", "text"],
    "codings.csv": ["statement", "coder", "code", "stance", "note"],
    "adjudications.csv": ["statement", "code", "stance"],
}
# The codebook the sample must carry (the propositions of the IPR press release; Samples/ipr-2018/README.md).
DOMAIN_CODEBOOK = """
relations: lowest-since-9-11 · mismanaged-no-strategy · missed-post-9-11-opportunity · split-over-taliban · us-transactional · pakistan-also-failed
objectives: afghan-peace-goals-differ · friendly-kabul · trade-transit-hub · india-fixation-conflicts
engagement: stay-engaged-regain-trust · not-yield-all-demands · state-limits-proactively · conditional-cooperation · moderate-expectations
cooperation: rebuild-security-economic · us-business-parity-with-china · china-not-exclusive
governance: policy-structure-must-change · no-national-security-strategy · elected-leadership-absent · economic-weakness-undermines-security · reduce-economic-dependence
afghanistan: us-chose-force-over-reconciliation · restrain-not-answer-for-taliban · nudge-taliban-reconcile · taliban-govt-unacceptable · help-talks-for-assurances · us-curb-cross-border
region: prioritize-regional · keep-china-ties-strong · grow-russia-links · nuclear-hostility-risk · avoid-great-power-battleground
india: improve-relations · normalization-enables-policy-change · obstacles-mistrust-confidence · third-party-mediation-practical · quiet-mediation-before-kashmir
way-ahead: mutual-need-enduring · understand-each-other · broad-based-partnership
"""
CONSTITUENCY_COUNTS = dict(CONSTITUENCIES)
PHONE_RE = re.compile(r"^(\+92 3\d\d \d{7}|03\d\d-\d{7}|\(0(42|21)\) \d{4} \d{4}|\(051\) \d{3} \d{4})$")
EMAIL_RE = re.compile(r"^[a-z0-9.\-]+@([a-z0-9\-]+\.)*example\.(org|com|net)$")

CODER_A = {"miss": 0.06, "slip": 0.05, "zero_slip": 0.0, "extra": 0.07}
CODER_B = {"miss": 0.13, "slip": 0.10, "zero_slip": 0.10, "extra": 0.16}
ACCEPT_EXTRA = 0.3
NOTES = ["qualified support", "implicit, read from the argument", "tone ironic; coded on substance",
         "restates an earlier answer", "close call between 1 and 2", "mentioned in passing"]


# MARK: - Deterministic randomness

class Rng:
    """SplitMix64 seeded from SHA-256 of a label: the same bytes on every Python version and platform."""

    MASK = (1 << 64) - 1

    def __init__(self, label):
        self.state = int.from_bytes(hashlib.sha256(f"{SEED}/{label}".encode()).digest()[:8], "big")

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n):
        limit = (1 << 64) - (1 << 64) % n
        while True:
            x = self.next()
            if x < limit:
                return x % n

    def random(self):
        return (self.next() >> 11) / float(1 << 53)

    def chance(self, p):
        return self.random() < p

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.random() * total
        for value, w in pairs:
            x -= w
            if x < 0:
                return value
        return pairs[-1][0]

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]


def fold(text):
    """ASCII, lower-case form of a name: the sort key and the e-mail local part."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def sample_ids(ids):
    """The double-coded sample as `code --sample 25% --seed ipr-2018` selects it."""
    ordered = sorted(ids, key=lambda s: hashlib.sha256(f"{SEED}:{s}".encode("utf-8")).hexdigest())
    return set(ordered[:math.ceil(SAMPLE_SHARE * len(ids))])


# MARK: - Participants

def make_participants():
    rng = Rng("participants")
    firsts = MALE_FIRST + FEMALE_FIRST
    surnames = list(SURNAMES)
    assert len(firsts) == PANEL == len(surnames) == len(set(firsts)), (len(firsts), len(surnames))
    rng.shuffle(firsts)
    rng.shuffle(surnames)

    def blocked(first, surname):
        return (first.split()[-1], surname) in BLOCKED or (first, surname) in BLOCKED

    for i in range(PANEL):
        if not blocked(firsts[i], surnames[i]):
            continue
        for j in range(PANEL):
            if j != i and not blocked(firsts[i], surnames[j]) and not blocked(firsts[j], surnames[i]):
                surnames[i], surnames[j] = surnames[j], surnames[i]
                break
    constituencies = [c for c, n in CONSTITUENCIES for _ in range(n)]
    rng.shuffle(constituencies)
    serving_left = dict(SERVING)
    people, emails = [], set()
    mobile_codes = ["300", "301", "302", "303", "305", "306", "311", "312", "313", "314", "315", "320", "321",
                    "322", "323", "331", "332", "333", "334", "335", "345", "346", "347"]
    for first, surname, constituency in zip(firsts, surnames, constituencies):
        name = f"{first} {surname}"
        status = "serving" if serving_left[constituency] > 0 else "former"
        serving_left[constituency] -= 1
        given = fold(first.split()[-1])
        family = fold(surname)
        local = rng.choice([f"{given}.{family}", f"{given[0]}.{family}", f"{given}{family}", f"{family}.{given}"])
        email = f"{local}@{rng.choice(DOMAINS[constituency])}"
        while email in emails:
            email = email.replace("@", f"{rng.below(9) + 1}@", 1)
        emails.add(email)
        kind = rng.weighted([("mobile_intl", 4), ("mobile_local", 4), ("landline", 2)])
        if kind == "landline":
            area, digits = rng.choice(LANDLINES)
            if digits == 8:
                local_number = f"3{rng.below(1000):03d}{rng.below(10000):04d}"
                phone, alt = f"({area}) {local_number[:4]} {local_number[4:]}", f"{area}-{local_number}"
            else:
                local_number = f"{rng.below(8) + 2}{rng.below(1000000):06d}"
                phone, alt = f"({area}) {local_number[:3]} {local_number[3:]}", f"{area}-{local_number}"
        else:
            code = rng.choice(mobile_codes)
            number = f"{rng.below(9) + 1}{rng.below(1000000):06d}"
            intl, local_form = f"+92 {code} {number}", f"0{code}-{number}"
            phone, alt = (intl, local_form) if kind == "mobile_intl" else (local_form, intl)
        people.append({
            "participant": email, "name": name, "email": email, "phone": phone, "phone_alt": alt,
            "constituency": constituency, "status": status,
            "sector": rng.weighted(SECTORS[constituency]),
            "interview_month": rng.weighted(list(zip(MONTHS, MONTH_WEIGHTS))),
            "first": first, "surname": surname,
        })
    people.sort(key=lambda p: (fold(p["name"]), p["name"]))
    return people


# MARK: - Views: who holds which proposition, with what stance

def make_views(people):
    rng = Rng("views")
    views = {p["participant"]: {} for p in people}
    for code, (n, support, neutral, oppose, skeptics) in TARGETS.items():
        assert support + neutral + oppose == n, code
        theme = code.split(".")[0]
        keyed = []
        for p in people:
            weight = AFFINITY[p["constituency"]].get(theme, 1.0)
            keyed.append((rng.random() ** (1.0 / weight), p))
        keyed.sort(key=lambda kp: -kp[0])
        chosen = [p for _, p in keyed[:n]]
        ranked = sorted(chosen, key=lambda p: -(rng.random() + (0.6 if p["constituency"] in skeptics else 0.0)))
        strong_share = 0.5 if code == "region.prioritize-regional" else 0.35
        for i, p in enumerate(ranked):
            if i < oppose:
                stance = -2 if rng.chance(0.3) else -1
            elif i < oppose + neutral:
                stance = 0
            else:
                stance = 2 if rng.chance(strong_share) else 1
            views[p["participant"]][code] = stance
    return views


# MARK: - Statements

PROPER = {"I", "Pakistan", "Pakistan's", "American", "Americans", "Washington", "India", "India's", "Russia",
          "Russia's", "China", "Chinese", "Beijing", "Kabul", "Gwadar", "Siachen"}


def lower_first(sentence):
    first = sentence.split(" ", 1)[0].rstrip(",:;")
    if first in PROPER:
        return sentence
    return sentence[0].lower() + sentence[1:]


def question_of(code):
    return QUESTIONS[code.split(".")[0]]


def plan_statements(rng, person, held):
    """Groups a participant's views into statements: lists of (code, stance), in protocol order."""
    codes = [c for c in PROPOSITIONS if c in held]
    by_question = {}
    for c in codes:
        by_question.setdefault(question_of(c), []).append(c)
    chunks = []
    for question, group in by_question.items():
        group = list(group)
        rng.shuffle(group)
        while group:
            size = min(len(group), rng.weighted([(1, 2), (2, 5), (3, 3)]))
            chunks.append([(c, held[c]) for c in group[:size]])
            group = group[size:]
    low, high = STATEMENTS_PER_PARTICIPANT
    wanted = rng.choice([8, 9, 9, 10, 10, 11, 11, 12])  # how talkative this participant is
    while len(chunks) > wanted:  # merge the two smallest chunks of one question, else any two that fit
        order = sorted(range(len(chunks)), key=lambda i: len(chunks[i]))
        pair = None
        for a in order:
            for b in order:
                if a < b and len(chunks[a]) + len(chunks[b]) <= 3 and \
                        question_of(chunks[a][0][0]) == question_of(chunks[b][0][0]):
                    pair = (a, b)
                    break
            if pair:
                break
        if pair is None:
            pair = next(((a, b) for a in order for b in order if a < b and len(chunks[a]) + len(chunks[b]) <= 3), None)
        if pair is None:
            assert len(chunks) <= high, f"{person['name']}: too many views for {high} statements"
            break
        a, b = pair
        chunks[a] = chunks[a] + chunks[b]
        del chunks[b]
    extras = []
    # Restate a view in a later answer, sometimes with a different intensity or without a position.
    target_restate = 1 if rng.chance(0.25) else 0
    while len(chunks) + len(extras) < low or target_restate:
        splittable = [i for i, ch in enumerate(chunks) if len(ch) > 1]
        if target_restate == 0 and splittable and rng.chance(0.7):
            i = max(splittable, key=lambda i: len(chunks[i]))
            chunks.insert(i + 1, chunks[i][1:])
            chunks[i] = chunks[i][:1]
            continue
        if len(chunks) + len(extras) >= high:
            break
        target_restate = 0
        code, stance = rng.choice([v for ch in chunks for v in ch])
        roll = rng.random()
        if stance != 0 and roll < 0.3:
            stance = {2: 1, 1: 2, -1: -2, -2: -1}[stance]
        elif stance != 0 and roll < 0.45 and code != "region.prioritize-regional":
            stance = 0
        extras.append(("restate", [(code, stance)]))
    if len(chunks) + len(extras) < high and rng.chance(0.12):
        extras.append(("aside", []))
    order = {q: i for i, q in enumerate(dict.fromkeys(QUESTIONS.values()))}
    chunks.sort(key=lambda ch: order[question_of(ch[0][0])])
    planned = [("views", question_of(ch[0][0]), ch) for ch in chunks]
    for kind, ch in extras:
        if kind == "aside":
            at = rng.below(2)
            planned.insert(at, ("aside", planned[at][1] if planned else QUESTIONS["relations"], []))
        else:
            planned.append(("restate", QUESTIONS["way-ahead"], ch))
    return planned


def fresh(rng, options, used):
    """A choice among `options` this participant has not said yet (any, once all are used)."""
    unused = [o for o in options if o not in used] or list(options)
    choice = rng.choice(unused)
    used.add(choice)
    return choice


def compose(rng, person, views, used, mention=None, contact=False, restate=False):
    """One paragraph in the persona's voice expressing `views`; returns the text."""
    pieces = []  # (sentence, optional rank: 0 = keep, higher = dropped first)
    frames = set()  # no framing twice in one paragraph
    for i, (code, stance) in enumerate(views):
        _, _, claims, pros, cons = PROPOSITIONS[code]
        frame = fresh(rng, FRAMES[stance], frames)
        sentence = frame.format(c=rng.choice(claims))
        if i == 0 and restate:
            sentence = f"{rng.choice(RESTATE_OPENERS)} {lower_first(sentence)}"
        elif i == 0 and rng.chance(0.3):
            sentence = f"{rng.choice(OPENERS)} {lower_first(sentence)}"
        elif i > 0:
            connector = rng.choice([c for c in CONNECTORS if c.endswith(".") or ":" not in frame])
            if connector.endswith("."):
                pieces.append((connector, 0))
            else:
                sentence = f"{connector} {lower_first(sentence)}"
        pieces.append((sentence, 0))
        if stance > 0:
            pieces.append((rng.choice(pros), 2 + len(views) - i))
        elif stance < 0:
            pieces.append((rng.choice(cons), 2 + len(views) - i))
        else:
            pieces.append((f"{rng.choice(pros)} {rng.choice(NEUTRAL_TURNS)} {lower_first(rng.choice(cons))}", 1))
        if i == 0 and rng.chance(0.45):
            pieces.append((fresh(rng, ANECDOTES[person["constituency"]], used), 9))
    if mention is not None:
        pieces.append((rng.choice(MENTIONS).format(full=mention["name"], surname=mention["surname"]), 0))
    if contact:
        phone = rng.choice([person["phone"], person["phone_alt"]])
        pieces.append((rng.choice(CONTACTS).format(phone=phone, email=person["email"]), 0))
    if rng.chance(0.35):
        pieces.append((fresh(rng, CLOSERS, used), 10))
    low, high = TEXT_RANGE

    def text():
        return " ".join(s for s, _ in pieces)

    while len(text()) > high:
        rank = max(r for _, r in pieces)
        if rank == 0:
            break
        index = max(i for i, (_, r) in enumerate(pieces) if r == rank)
        del pieces[index]
    fillers = [s for s in ANECDOTES[person["constituency"]] + CLOSERS if s not in text() and s not in used]
    while len(text()) < low:
        pieces.append((fillers.pop(rng.below(len(fillers))), 0))
    return text()


def make_statements(people, views):
    rng = Rng("statements")
    statements = []  # dicts: id, participant, question, source, text, truth {code: stance}
    seen = set()
    for person in people:
        planned = plan_statements(rng, person, views[person["participant"]])
        used = set()
        page = 1 + rng.below(2)
        for kind, question, held in planned:
            text = None
            while text is None or text in seen:  # re-draw the rare paragraph that repeats an earlier one
                if kind == "aside":
                    text = f"{rng.choice(ASIDE_OPENINGS)} {rng.choice(ASIDE_FOLLOWUPS)}"
                    if rng.chance(0.5) or len(text) < TEXT_RANGE[0]:
                        text += " " + fresh(rng, ANECDOTES[person["constituency"]], used)
                else:
                    mention = None
                    if rng.chance(0.08):
                        others = [p for p in people if p is not person]
                        mention = rng.choice(others)
                    text = compose(rng, person, held, used, mention=mention, contact=rng.chance(0.035),
                                   restate=kind == "restate")
            seen.add(text)
            statements.append({
                "participant": person["participant"], "question": question,
                "source": f"interview {person['interview_month']}, p. {page}", "text": text, "truth": dict(held),
            })
            page += 1 + rng.below(2)
    for i, s in enumerate(statements, 1):
        s["id"] = f"S{i:04d}"
    return statements


# MARK: - Coding and adjudication

def code_statement(rng, profile, statement, held):
    """One coder's decisions {code: stance} on a statement whose true content is statement['truth']."""
    decisions = {}
    for code, stance in statement["truth"].items():
        if rng.chance(profile["miss"]):
            continue
        if stance != 0 and rng.chance(profile["slip"]):
            stance = {2: 1, 1: 2, -1: -2, -2: -1}[stance]
        elif stance == 0 and code not in FINDINGS and rng.chance(profile["zero_slip"]):
            stance = rng.choice([1, -1])
        decisions[code] = stance
    if statement["truth"] and rng.chance(profile["extra"]):
        theme = next(iter(statement["truth"])).split(".")[0]
        candidates = [c for c in PROPOSITIONS if c.startswith(theme + ".") and c not in statement["truth"]
                      and c not in FINDINGS]
        if candidates:
            code = rng.choice(candidates)
            view = held.get(code)
            decisions[code] = (1 if view > 0 else -1 if view < 0 else 0) if view is not None else rng.choice([0, 1])
    return decisions


def make_codings(statements, views):
    sample = sample_ids([s["id"] for s in statements])
    rows, decided = [], {}
    for coder, profile, which in (("coder-a", CODER_A, None), ("coder-b", CODER_B, sample)):
        rng = Rng(coder)
        for s in statements:
            if which is not None and s["id"] not in which:
                continue
            decisions = code_statement(rng, profile, s, views[s["participant"]])
            decided[(s["id"], coder)] = decisions
            if not decisions:
                rows.append([s["id"], coder, "", "", ""])
            for code in PROPOSITIONS:
                if code in decisions:
                    note = rng.choice(NOTES) if rng.chance(0.04) else ""
                    rows.append([s["id"], coder, code, str(decisions[code]), note])
    rng = Rng("adjudication")
    adjudications = []
    for s in statements:
        if s["id"] not in sample:
            continue
        a, b = decided[(s["id"], "coder-a")], decided[(s["id"], "coder-b")]
        for code in PROPOSITIONS:
            if a.get(code) == b.get(code):
                continue
            if code in s["truth"]:
                stance = s["truth"][code]
            elif rng.chance(ACCEPT_EXTRA):
                stance = a[code] if code in a else b[code]
            else:
                stance = None
            adjudications.append([s["id"], code, "" if stance is None else str(stance)])
    return rows, adjudications


# MARK: - Reading back and checking

def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        return header, [dict(zip(header, row)) for row in reader]


def krippendorff_nominal(units):
    """Nominal α from a list of units, each a list of the values coders gave (coincidence-matrix formula)."""
    o = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[(c, k)] += Fraction(1, m - 1)
    n_c = Counter()
    for (c, _), weight in o.items():
        n_c[c] += weight
    n = sum(n_c.values())
    observed = sum(w for (c, k), w in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1) if n > 1 else 0
    if expected == 0:
        return None
    return float(1 - observed / expected)


def round_half_away(x):
    return int(math.copysign(math.floor(abs(x) + Fraction(1, 2)), x)) if x != 0 else 0


def classify(n, k, z, o):
    if n < MIN_ADDRESSED:
        consensus = "insufficient"
    elif k == n and 2 * n >= PANEL:
        consensus = "unanimous-support"
    elif o == n and 2 * n >= PANEL:
        consensus = "unanimous-oppose"
    elif Fraction(k, n) >= STRONG:
        consensus = "strong-support"
    elif Fraction(o, n) >= STRONG:
        consensus = "strong-oppose"
    elif 2 * k > n:
        consensus = "majority-support"
    elif 2 * o > n:
        consensus = "majority-oppose"
    elif 2 * z > n:
        consensus = "mostly-neutral"
    else:
        consensus = "divided"
    verb, m = ("agreed", k) if k >= o else ("disagreed", o)
    both = f"({m} of {PANEL}; {m} of {n} who addressed it)"
    if n < MIN_ADDRESSED:
        phrase = f"Too few participants addressed it ({n} of {PANEL})"
    elif m == n and 2 * n >= PANEL:
        phrase = f"All participants who addressed it {verb} ({n} of {PANEL})"
    elif 2 * m > PANEL:
        phrase = f"Most participants {verb} {both}"
    elif 10 * m >= 3 * PANEL:
        phrase = f"Many participants {verb} {both}"
    elif 10 * m >= PANEL:
        phrase = f"Some participants {verb} {both}"
    elif m >= 2:
        phrase = f"A few participants {verb} {both}"
    elif m == 1:
        phrase = f"One participant {verb} {both}"
    else:
        phrase = f"No participant {verb} (0 of {PANEL})"
    return consensus, phrase


def analyse(folder):
    """Checks every property of the sample in `folder`; returns (problems, facts for the report)."""
    problems = []

    def need(ok, message):
        if not ok:
            problems.append(message)

    tables = {}
    for name, header in HEADERS.items():
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            problems.append(f"{name}: missing")
            return problems, None
        got, rows = read_csv(path)
        need(got == header, f"{name}: header is {got}, expected {header}")
        tables[name] = rows

    # participants.csv
    people = tables["participants.csv"]
    ids = [p["participant"] for p in people]
    need(len(people) == PANEL, f"participants.csv: {len(people)} rows, expected {PANEL}")
    need(len(set(ids)) == len(ids), "participants.csv: duplicate participant identifiers")
    need(len({p["name"] for p in people}) == len(people), "participants.csv: duplicate names")
    need(all(p["participant"] == p["email"] for p in people), "participants.csv: participant is not the e-mail")
    need(Counter(p["constituency"] for p in people) == Counter(CONSTITUENCY_COUNTS),
         f"participants.csv: constituencies {dict(Counter(p['constituency'] for p in people))}")
    need({p["status"] for p in people} <= {"serving", "former"}, "participants.csv: status not serving/former")
    need({p["interview_month"] for p in people} <= set(MONTHS), "participants.csv: interview_month out of range")
    need(all(EMAIL_RE.match(p["email"]) for p in people), "participants.csv: e-mail outside the reserved domains")
    need(all(PHONE_RE.match(p["phone"]) for p in people), "participants.csv: phone not in a Pakistani format")
    need([fold(p["name"]) for p in people] == sorted(fold(p["name"]) for p in people),
         "participants.csv: rows not in alphabetical order by name")
    surnames = Counter(p["name"].split()[-1] for p in people)
    need(sum(1 for c in surnames.values() if c > 1) >= 3, "participants.csv: fewer than 3 shared surnames")
    need(any("-" in p["name"] for p in people), "participants.csv: no hyphenated name")
    need(any(not p["name"].isascii() for p in people), "participants.csv: no name with non-ASCII letters")
    need(all((p["name"].split()[-2] if len(p["name"].split()) > 2 else p["name"].split()[0],
              p["name"].split()[-1]) not in BLOCKED for p in people), "participants.csv: a blocked name")

    # codebook.csv
    codebook = tables["codebook.csv"]
    expected_codebook = []
    for line in DOMAIN_CODEBOOK.strip().splitlines():
        theme, rest = line.split(": ", 1)
        expected_codebook.append((theme, [f"{theme}.{p.strip()}" for p in rest.split("·")]))
    themes = [r["key"] for r in codebook if not r["parent"]]
    propositions = [r["key"] for r in codebook if r["parent"]]
    need(themes == [t for t, _ in expected_codebook], f"codebook.csv: themes {themes}")
    need(propositions == [p for _, ps in expected_codebook for p in ps], "codebook.csv: propositions differ from the expected codebook")
    need(all(KEY_RE.match(r["key"]) for r in codebook), "codebook.csv: a key does not match the key pattern")
    need(all(r["parent"] in ("", r["key"].split(".")[0]) for r in codebook), "codebook.csv: wrong parent")
    need(all(r["label"] and r["description"] for r in codebook), "codebook.csv: empty label or description")
    each_followed = all(not r["parent"] or codebook[i - 1]["key"] in (r["parent"], ) or
                        codebook[i - 1]["parent"] == r["parent"] for i, r in enumerate(codebook) if i > 0)
    themes_first = [r["parent"] for r in codebook[:len(themes)]] == [""] * len(themes)
    need(each_followed or themes_first, "codebook.csv: neither themes first nor each theme followed by its propositions")

    # statements.csv
    statements = tables["statements.csv"]
    known = set(ids)
    need([s["id"] for s in statements] == [f"S{i:04d}" for i in range(1, len(statements) + 1)],
         "statements.csv: ids not S0001, S0002, ... in order")
    need(all(s["participant"] in known for s in statements), "statements.csv: unknown participant")
    per_person = Counter(s["participant"] for s in statements)
    low, high = STATEMENTS_PER_PARTICIPANT
    need(all(low <= per_person[i] <= high for i in ids),
         f"statements.csv: statements per participant outside {low}-{high}: "
         f"{sorted(per_person[i] for i in ids)[:3]}...{sorted(per_person[i] for i in ids)[-3:]}")
    lengths = [len(s["text"]) for s in statements]
    need(all(TEXT_RANGE[0] <= n <= TEXT_RANGE[1] for n in lengths),
         f"statements.csv: text lengths {min(lengths)}-{max(lengths)} outside {TEXT_RANGE}")
    questions = {s["question"] for s in statements}
    need(len(questions) == len(set(QUESTIONS.values())), f"statements.csv: {len(questions)} distinct questions")
    need(all(re.match(r"^interview 20\d\d-\d\d, p\. \d+$", s["source"]) for s in statements),
         "statements.csv: source not like 'interview 2017-09, p. 3'")
    need(len({s["text"] for s in statements}) == len(statements), "statements.csv: duplicate texts")
    sentences = Counter()
    for s in statements:
        sentences.update(set(x for x in re.split(r"(?<=[.!?])\s+", s["text"]) if len(x) >= 40))
    top_sentence, top_count = sentences.most_common(1)[0]
    need(top_count <= 0.06 * len(statements), f"statements.csv: a sentence repeats {top_count} times: {top_sentence}")
    full_names = [p["name"] for p in people]
    named = sum(1 for s in statements if any(n in s["text"] for n in full_names))
    surname_only = sum(1 for s in statements
                       if any(re.search(rf"\b{re.escape(p['name'].split()[-1])}\b", s["text"]) and p["name"] not in s["text"]
                              for p in people))
    possessive = sum(1 for s in statements if any(f"{p['name'].split()[-1]}'s" in s["text"] for p in people))
    emails = sum(1 for s in statements if any(p["email"] in s["text"] for p in people))
    phones = sum(1 for s in statements if re.search(r"(\+92 3\d\d \d{7}|03\d\d-\d{7}|\(0\d\d\) [\d ]{7,9}\d|0\d\d-\d{7,8})", s["text"]))
    need(named and surname_only and possessive and emails and phones,
         f"statements.csv: redaction not exercised (full names {named}, surnames {surname_only}, "
         f"possessives {possessive}, e-mails {emails}, phones {phones})")

    # codings.csv
    codings = tables["codings.csv"]
    statement_ids = [s["id"] for s in statements]
    known_statements, known_codes = set(statement_ids), set(propositions)
    decisions = defaultdict(dict)  # (statement, coder) -> {code: stance}
    for r in codings:
        need(r["statement"] in known_statements, f"codings.csv: unknown statement {r['statement']}")
        key = (r["statement"], r["coder"])
        decisions.setdefault(key, {})
        if r["code"] == "":
            need(r["stance"] == "", f"codings.csv: {r['statement']}: a stance without a code")
            continue
        need(r["code"] in known_codes, f"codings.csv: unknown code {r['code']}")
        need(r["stance"] in {"-2", "-1", "0", "1", "2"}, f"codings.csv: stance {r['stance']!r}")
        need(r["code"] not in decisions[key], f"codings.csv: {r['statement']} {r['coder']} {r['code']} twice")
        decisions[key][r["code"]] = int(r["stance"]) if r["stance"] in {"-2", "-1", "0", "1", "2"} else 0
    coders = {c for _, c in decisions}
    need(coders == {"coder-a", "coder-b"}, f"codings.csv: coders {sorted(coders)}")
    need(all((s, "coder-a") in decisions for s in statement_ids), "codings.csv: coder-a did not review every statement")
    sample = sample_ids(statement_ids)
    double = {s for s, c in decisions if c == "coder-b"}
    need(double == sample, f"codings.csv: coder-b reviewed {len(double)} statements, not the {len(sample)} of the sample")

    # adjudications.csv
    adjudicated = {}
    for r in tables["adjudications.csv"]:
        need(r["stance"] in {"", "-2", "-1", "0", "1", "2"}, f"adjudications.csv: stance {r['stance']!r}")
        need((r["statement"], r["code"]) not in adjudicated, f"adjudications.csv: {r['statement']} {r['code']} twice")
        adjudicated[(r["statement"], r["code"])] = None if r["stance"] in ("", None) else int(r["stance"])
    disagreements = set()
    for s in sorted(double):
        a, b = decisions[(s, "coder-a")], decisions[(s, "coder-b")]
        for code in set(a) | set(b):
            if a.get(code) != b.get(code):
                disagreements.add((s, code))
    need(set(adjudicated) == disagreements,
         f"adjudications.csv: {len(disagreements - set(adjudicated))} disagreements unresolved, "
         f"{len(set(adjudicated) - disagreements)} adjudications without a disagreement")

    # reliability: pooled presence over the double-coded statements x every proposition
    units = [[int(code in decisions[(s, "coder-a")]), int(code in decisions[(s, "coder-b")])]
             for s in sorted(double) for code in propositions]
    alpha = krippendorff_nominal(units)
    need(alpha is not None and ALPHA_RANGE[0] <= alpha <= ALPHA_RANGE[1],
         f"codings.csv: pooled presence alpha {alpha} outside {ALPHA_RANGE}")
    stance_disagreements = sum(1 for s, c in disagreements
                               if c in decisions[(s, "coder-a")] and c in decisions[(s, "coder-b")])

    # final coding, participant stances, consensus
    owner = {s["id"]: s["participant"] for s in statements}
    finals, unresolved = {}, 0
    for s in statement_ids:
        reviewers = [c for c in sorted(coders) if (s, c) in decisions]
        codes = set().union(*(decisions[(s, c)] for c in reviewers)) | {c for (t, c) in adjudicated if t == s}
        for code in codes:
            if (s, code) in adjudicated:
                final = adjudicated[(s, code)]
            elif len(reviewers) == 1:
                final = decisions[(s, reviewers[0])].get(code)
            elif len({decisions[(s, c)].get(code) for c in reviewers}) == 1:
                final = decisions[(s, reviewers[0])].get(code)
            else:
                unresolved += 1
                continue
            if final is not None:
                finals[(s, code)] = final
    need(unresolved == 0, f"final coding: {unresolved} unresolved")
    stances = defaultdict(list)
    for (s, code), stance in finals.items():
        stances[(owner[s], code)].append(stance)
    participant_stance = {key: round_half_away(Fraction(sum(v), len(v))) for key, v in stances.items()}
    half_rounded = sum(1 for v in stances.values() if Fraction(sum(v), len(v)).denominator == 2)
    half_zero = sum(1 for v in stances.values() if abs(Fraction(sum(v), len(v))) == Fraction(1, 2))
    table = []
    for code in propositions:
        values = [v for (p, c), v in participant_stance.items() if c == code]
        n, k, o = len(values), sum(1 for v in values if v > 0), sum(1 for v in values if v < 0)
        consensus, phrase = classify(n, k, n - k - o, o)
        table.append((code, n, k, o, consensus, phrase))
    rows = {r[0]: r for r in table}
    expectations = [
        ("relations.lowest-since-9-11", lambda r: r[5].startswith("Most participants agreed")),
        ("india.normalization-enables-policy-change",
         lambda r: r[5].startswith("Many participants agreed") and 10 * r[2] >= 3 * PANEL and 2 * r[2] <= PANEL),
        ("region.prioritize-regional",
         lambda r: r[5].startswith("All participants who addressed it agreed") and r[4] == "unanimous-support"
         and r[2] == r[1] and 2 * r[1] >= PANEL),
    ]
    for code, ok in expectations:
        need(ok(rows[code]), f"consensus: {code} reads {rows[code][4]} / {rows[code][5]}")
    for code, n, k, o, consensus, phrase in table:
        need(consensus in ("majority-support", "strong-support", "unanimous-support"),
             f"consensus: {code} is {consensus}")
    facts = {
        "alpha": alpha, "table": table, "statements": len(statements), "codings": len(codings),
        "double": len(double), "units": len(units), "disagreements": len(disagreements),
        "stance_disagreements": stance_disagreements, "adjudications": len(adjudicated),
        "absent": sum(1 for v in adjudicated.values() if v is None), "named": named, "surname_only": surname_only,
        "possessive": possessive, "emails": emails, "phones": phones, "half_rounded": half_rounded,
        "half_zero": half_zero,
        "empty_reviews": sum(1 for r in codings if r["code"] == ""),
        "per_person": (min(per_person.values()), max(per_person.values())),
        "lengths": (min(lengths), max(lengths)),
    }
    return problems, facts


def format_table(table):
    width = max(len(r[0]) for r in table)
    lines = [f"{'code':<{width}}  {'n':>3} {'sup':>3} {'opp':>3}  {'class':<17}  phrase"]
    for code, n, k, o, consensus, phrase in table:
        lines.append(f"{code:<{width}}  {n:>3} {k:>3} {o:>3}  {consensus:<17}  {phrase}")
    return "\n".join(lines)


# MARK: - Writing

def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate(folder):
    os.makedirs(folder, exist_ok=True)
    people = make_participants()
    views = make_views(people)
    statements = make_statements(people, views)
    codings, adjudications = make_codings(statements, views)
    write_csv(os.path.join(folder, "participants.csv"), HEADERS["participants.csv"],
              [[p[h] for h in HEADERS["participants.csv"]] for p in people])
    codebook = []
    for theme, label, description in THEMES:
        codebook.append([theme, label, description, ""])
        for code, (plabel, pdescription, *_rest) in PROPOSITIONS.items():
            if code.split(".")[0] == theme:
                codebook.append([code, plabel, pdescription, theme])
    write_csv(os.path.join(folder, "codebook.csv"), HEADERS["codebook.csv"], codebook)
    write_csv(os.path.join(folder, "statements.csv"), HEADERS["statements.csv"],
              [[s[h] for h in HEADERS["statements.csv"]] for s in statements])
    write_csv(os.path.join(folder, "codings.csv"), HEADERS["codings.csv"], codings)
    write_csv(os.path.join(folder, "adjudications.csv"), HEADERS["adjudications.csv"], adjudications)
    problems, facts = analyse(folder)
    with open(os.path.join(folder, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme(facts) if facts else "")
    return problems, facts


def readme(facts):
    rows = {r[0]: r for r in facts["table"]}

    def finding(code):
        _, n, k, o, consensus, phrase = rows[code]
        return f"| `{code}` | {phrase} | `{consensus}` |"

    classes = Counter(r[4] for r in facts["table"])
    class_summary = ", ".join(f"{count} `{name}`" for name, count in sorted(classes.items()))
    table = "\n".join(f"| `{code}` | {n} | {k} | {o} | `{consensus}` | {phrase} |"
                      for code, n, k, o, consensus, phrase in facts["table"])
    return f"""# ipr-2018: a synthetic sample study

**Everything in this folder is synthetic.** The sixty participants, their names, e-mail addresses, phone
numbers and every statement are invented by a program; none of them is a real person, and no statement is
anyone's view. The study imitates the design of the Institute for Policy Reforms report *"Where do we go
from here? Pakistani perspective on Prospects of US-Pakistan Relations"* (2018), whose transcripts were
never published: sixty Pakistani experts, views reported in aggregate. Its three quantified findings are
built in so the consensus table reads as the report does.

## How it was made

    python3 Scripts/generate-sample.py           # writes Samples/ipr-2018/ and prints the checks
    python3 Scripts/generate-sample.py --check   # regenerates to a temporary folder, compares, checks

The generator uses the Python standard library only and its own SplitMix64 generator seeded from
`ipr-2018`, so it writes the same bytes on every run and Python version; this README is written by it
too, with the numbers below computed from the files. `--check` exits non-zero when a committed file differs
from a fresh run or any property listed here fails.

Names are invented pairings of common Pakistani first names and surnames, with a list of pairings that
belong to public figures that are never produced. Surnames repeat on purpose (three Khans, two each of
Qureshi, Malik and Siddiqui) so that a bare surname in a statement shows `[NAME]` redaction; there is a
hyphenated surname (`Al-Hassan`) and one written with non-ASCII letters (`Durrānī`). E-mail domains are
reserved example domains (RFC 2606: `example.org`, `.com`, `.net`); phone numbers are random digits in
Pakistani formats, any match with a real subscriber is coincidence.

## Files

- `participants.csv`: `participant,name,email,phone,constituency,status,sector,interview_month`, one row
  per participant in alphabetical order by name, as a report's list of participants would be. The source
  identifier `participant` is the **e-mail address**: it is unique, stable across interview rounds, and what
  a research team's contact sheet keys on; repeating it in the `email` column keeps the contact detail that
  redaction needs separate from the identifier the importer hashes. Constituencies in an illustrative split
  (former_diplomat 14, retired_military 10, politician 10, academic_think_tank 10, journalist_media 7,
  civil_servant 6, business_economist 3); `status` serving or former; `sector` a coarse field of expertise
  (foreign_policy, security, economy, governance); `interview_month` 2017-07 to 2018-02.
- `codebook.csv`: `key,label,description,parent`; the nine themes, each followed by its propositions, keys
  exactly as the study brief lists them (`theme.proposition`); labels and one-line definitions are ours.
- `statements.csv`: `id,participant,question,source,text`. Statements: {facts['statements']}
  (`S0001` ...); per participant: {facts['per_person'][0]} to {facts['per_person'][1]}; length:
  {facts['lengths'][0]} to {facts['lengths'][1]} characters. Each answers one of eight protocol questions
  and has a source like `interview 2017-09, p. 3`. Each paragraph expresses the propositions planned for
  it with the persona's stance, built from several phrasings per stance and proposition, persona-specific
  asides and connectives; some participants restate a view later, at another intensity or without a
  position, and a few statements are asides that express no proposition. For redaction, statements that
  name another participant in full: {facts['named']}; by surname alone: {facts['surname_only']}, of them
  possessives such as `Khan's`: {facts['possessive']}; that give a phone number (sometimes in another
  format than in `participants.csv`): {facts['phones']}; an e-mail address: {facts['emails']}.
- `codings.csv`: `statement,coder,code,stance,note` ({facts['codings']} rows). `coder-a` reviews every
  statement; a row with an empty `code` records a review with nothing applied (rows:
  {facts['empty_reviews']}). `coder-b` double-codes the 25% sample ({facts['double']} statements).
- `adjudications.csv`: `statement,code,stance`: the lead's decision on every disagreement between the
  coders (disagreements: {facts['disagreements']}; on stance: {facts['stance_disagreements']}; decided
  absent, empty stance: {facts['absent']}). Nothing is left unresolved.

## The double-coded sample

As `viewpoints code --sample 25% --seed ipr-2018` selects it: order all statement ids by the hex SHA-256
of the UTF-8 string `ipr-2018:` + id, ascending, and take the first ceil(25% x count). The coders err
independently (coder-b, the newer coder, more often): they miss a proposition, apply a neighbouring one of
the same theme, or give a stance one step off on the same side.

Pooled presence reliability over the sample: units are every (statement, proposition) pair of the
double-coded statements ({facts['units']} units), value 1 when the coder applied the proposition, else 0;
Krippendorff's alpha (nominal, coincidence matrix) = **{facts['alpha']:.4f}**.

## Expected findings

Final coding (adjudication, else the only coder, else agreement), participant stance (mean of the final
stances, rounded half away from zero; participant-proposition means that end in .5:
{facts['half_rounded']}, of them ±0.5, where rounding ties to even would wrongly give neutral:
{facts['half_zero']}), N = 60, min-addressed 3, strong 0.75:

| finding | phrase | class |
|---|---|---|
{finding('relations.lowest-since-9-11')}
{finding('india.normalization-enables-policy-change')}
{finding('region.prioritize-regional')}

Every proposition has the report's view prevailing: {class_summary}.

| code | n | support | oppose | class | phrase |
|---|---:|---:|---:|---|---|
{table}
"""


def main():
    parser = argparse.ArgumentParser(description="Write the synthetic ipr-2018 sample study.")
    parser.add_argument("--check", action="store_true",
                        help="regenerate to a temporary folder, compare with the committed files and verify them")
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(os.path.dirname(here), "Samples", "ipr-2018")
    problems = []
    if args.check:
        with tempfile.TemporaryDirectory() as scratch:
            generate(scratch)
            for name in list(HEADERS) + ["README.md"]:
                committed = os.path.join(target, name)
                if not os.path.exists(committed):
                    problems.append(f"{name}: not in {target}")
                    continue
                with open(committed, "rb") as a, open(os.path.join(scratch, name), "rb") as b:
                    if a.read() != b.read():
                        problems.append(f"{name}: differs from a fresh run (run Scripts/generate-sample.py)")
        more, facts = analyse(target)
        problems += more
    else:
        problems, facts = generate(target)
        print(f"wrote {target}", file=sys.stderr)
    if facts:
        print(f"pooled presence alpha (nominal, {facts['units']} units, {facts['double']} double-coded "
              f"statements): {facts['alpha']:.4f}")
        print(f"disagreements: {facts['disagreements']} ({facts['stance_disagreements']} on stance), all adjudicated")
        print(format_table(facts["table"]))
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
